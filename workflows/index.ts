export * from './parcours';
export * from './reassignation';
