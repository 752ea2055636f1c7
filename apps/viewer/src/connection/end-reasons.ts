export { END_REASONS, type EndReason, isEndReason } from '@fernhilfe/session';
