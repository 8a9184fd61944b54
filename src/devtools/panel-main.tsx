// Placeholder until the devtools host lands: mounts nothing but a title.
const root = document.getElementById('app');
if (root) root.textContent = 'Cognito Flow Inspector';
