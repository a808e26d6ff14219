export * from './parcours';
export * from './reassignation';
export * from './retention';
export * from './import-flux';
export * from './session-equipe';
export * from './webhooks';
export * from './absence';
export * from './simulation';
