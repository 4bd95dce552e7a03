export { Link } from './Link';
export { Router } from './Router';
export { normalizePath, useRouter, type NavigateOptions } from './RouterContext';
