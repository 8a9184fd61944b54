// Demo service worker: signs in with a raw InitiateAuth when the page asks, to show whether the
// browser's DevTools network API reports a service worker's own requests to the panel.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  const { endpoint, clientId, username, password } = event.data ?? {};
  event.waitUntil(fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  }).then((response) => event.source.postMessage({ status: response.status })));
});
