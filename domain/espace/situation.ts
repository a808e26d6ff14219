/** Where a parcours is and what comes next, as the person reads it on their page: plain French, no jargon. */
import type { Etape, Statut } from '../parcours/etapes';

export interface Situation {
  ou: string;
  ensuite: string;
}

const PAR_ETAPE: Record<Etape, Situation> = {
  accueil: {
    ou: 'Votre demande a été enregistrée.',
    ensuite: 'Une personne de l’équipe va faire le point avec vous sur votre situation.',
  },
  evaluation: {
    ou: 'Nous faisons le point sur votre situation.',
    ensuite: 'Une personne de l’équipe étudie vos besoins avec vous, puis l’équipe décide de l’aide la plus adaptée.',
  },
  orientation: {
    ou: 'L’équipe choisit l’accompagnement le plus adapté pour vous.',
    ensuite: 'Vous serez informé ou informée de la décision, puis une personne sera chargée de vous suivre.',
  },
  designation: {
    ou: 'L’équipe choisit la personne qui vous suivra.',
    ensuite: 'Cette personne vous contactera pour un premier rendez-vous.',
  },
  accompagnement: {
    ou: 'Vous êtes accompagné ou accompagnée.',
    ensuite: 'Vous avancez avec votre référent sur les objectifs fixés ensemble. Un point est fait régulièrement.',
  },
  cloture: {
    ou: 'Votre accompagnement est terminé.',
    ensuite: 'Vous pouvez à tout moment refaire une demande auprès du Département.',
  },
};

export function situation(etape: Etape, statut: Statut): Situation {
  if (statut === 'suspendu')
    return {
      ou: 'Votre accompagnement est en pause.',
      ensuite: 'Il reprendra quand vous et votre référent le déciderez.',
    };
  return PAR_ETAPE[etape];
}
