// Placeholder until the panel UI lands.
const root = document.getElementById('app');
if (root) root.textContent = 'Cognito Flow Inspector — HAR viewer';
