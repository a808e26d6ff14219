import { z } from 'zod';

// Validation messages are read by agents: French everywhere zod speaks (API and workflow validators alike).
z.config(z.locales.fr());

export { z };
