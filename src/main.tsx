import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyInitialTheme } from './app/useTheme';
import './app/app.css';

applyInitialTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks <div id="root">');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
