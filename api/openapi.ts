import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export const erreurSchema = z
  .object({
    erreur: z.object({
      code: z.string(),
      message: z.string(),
      champs: z.array(z.object({ champ: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Erreur');

export function openApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Parcours Solidarités — API',
      version: '0.1.0',
      description: 'Parcours usager des départements, sur Temporal.',
    },
  });
}
