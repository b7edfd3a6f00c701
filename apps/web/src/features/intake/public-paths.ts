/** Pages anyone may open without an account: a public form and a request's status page. They render outside the signed-in shell. */
export const isPublicPath = (pathname: string): boolean => /^\/(f|requests)\/[^/]+\/?$/.test(pathname);
