import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/ecrans.css';
import { App } from './App';

createRoot(document.getElementById('racine')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
