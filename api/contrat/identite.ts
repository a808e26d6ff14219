import { identiteSchema } from '../../domain/identite';
import { z } from './zod';

/** How the screens present the département (GET /identite): its configuration, and which département it is. */
export const identiteVue = identiteSchema.extend({ departement: z.string() }).openapi('Identite');
