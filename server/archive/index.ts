export { archiveRouter, type ArchiveRoutesOptions } from './archive-routes';
