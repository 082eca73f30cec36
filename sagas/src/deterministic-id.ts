// One implementation, in the domain: the command side names per-user streams with it too.
export { deterministicUuid } from '@todo/domain';
