import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import '@codegouvfr/react-dsfr/main.css';
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons.min.css';
import './ecrans.css';
import { App } from './App';

startReactDsfr({ defaultColorScheme: 'light' });

createRoot(document.getElementById('racine')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
