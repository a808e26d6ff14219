export * from './parcours';
