import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { fr } from 'zod/locales';
import { App } from './App';
import './styles.css';
// After the base styles, which it refines.
import './reservations/reservations.css';

// The shared schemas' generic messages (a wrong type…) in French, as on the server.
z.config(fr());

const container = document.getElementById('root');
if (!container) throw new Error('#root introuvable dans index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
