// aws-cdk-lib's built-in CloudFormation validation costs most of the synth time of a small stack.
// Ordinary unit tests run without it; the judges (test/judges.ts) switch it on for their own synth.
process.env.CDK_VALIDATION = 'false';
