// viewer-response (CloudFront Function, runtime cloudfront-js-2.0): a header rewrite, which needs no Lambda (BP-L6):
// the origin's server headers are dropped, and HTML is never cached by browsers while assets are, for a year.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
function handler(event) {
  var response = event.response;
  var headers = response.headers;
  delete headers['server'];
  delete headers['x-amz-server-side-encryption'];
  var uri = event.request.uri;
  var html = uri.endsWith('/') || uri.endsWith('.html');
  headers['cache-control'] = { value: html ? 'no-cache' : 'public, max-age=31536000, immutable' };
  return response;
}
