export { createHostMethods, IN_APP_DIALOGS, NO_WINDOW, type DialogPort, type HostContext, type WindowPort } from './methods.ts';
export { dispatch } from './dispatch.ts';
export { GrantPolicy, PathRefused, RootPolicy, type PathPolicy } from './paths.ts';
export { hostVersion } from './version.ts';
