import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import './contrat/zod';

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
