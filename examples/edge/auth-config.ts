/**
 * The viewer-request function's configuration, bundled with its code: Lambda@Edge has no environment variables
 * (BP-L4). Replace the key with your identity provider's public key (PEM), and the issuer and audience with yours.
 */
export const AUTH_CONFIG = {
  issuer: 'https://auth.example.com/',
  audience: 'site',
  /** RS256 public key of the issuer (PEM). This one is a placeholder whose private half was discarded: every token fails until you replace it. */
  publicKey: [
    '-----BEGIN PUBLIC KEY-----',
    'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAti07QMXCjH1a9OKtuWaT',
    '+3wFqfR5vWC/t7ghVVV6t7tstrOCLwejDBoFETeEntzTfxFbQAIm6XrIREVh8ybF',
    'nxofS5VBuBEbvk3GDaEO9pc+DtW0FteNJwomOOUBKlfOMbu90Dr4J1UgcVeIsGn0',
    '94URQsICGSR8OkRH4nHcNN/KQnQwKFhb6TfAd+v4OB2PRlVbYuGAnbqgTE+flNEo',
    'ztLfgPS7zQXxm2bHd7zmuhLIjtYPUhDyXEmb1HNIcvb/PfbYTRWqiwSBPSN75szV',
    'wlSoLOP6yFVvF7oJcXjoAqs7mZZss68u6129hq/Ak5MCjdU0sMwRbjg5rLbfll+M',
    'VwIDAQAB',
    '-----END PUBLIC KEY-----',
  ].join('\n'),
};
