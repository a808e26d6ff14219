import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import './contrat/zod';

export function openApiDocument(registry: OpenAPIRegistry) {
  // An operation cannot document the methods a path does not have: their answer is described once here.
  registry.registerComponent('responses', 'MethodeNonPermise', {
    description: 'Méthode non permise sur ce chemin : 405, en-tête Allow avec les méthodes permises.',
    headers: { Allow: { schema: { type: 'string' }, description: 'Méthodes permises sur ce chemin' } },
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Erreur' } } },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Parcours Solidarités — API',
      version: '0.1.0',
      description:
        'Parcours usager des départements, sur Temporal. Toute méthode absente d’un chemin décrit répond 405 ' +
        '(réponse MethodeNonPermise) ; un chemin inconnu, 404. Erreurs : corps `{ erreur: { code, message, ' +
        'champs } }`, messages en français par champ.',
    },
  });
}
