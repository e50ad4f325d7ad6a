import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { signIn } from './session';

export interface OidcSettings {
  authority: string;
  clientId: string;
  scope?: string;
}

const CALLBACK_PATH = '/console/auth/callback';

function manager(settings: OidcSettings): UserManager {
  return new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${window.location.origin}/console/`,
    response_type: 'code',
    scope: settings.scope ?? 'openid profile',
    automaticSilentRenew: false,
    loadUserInfo: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** Authorization code with PKCE: oidc-client-ts makes the verifier and the challenge. */
export async function startOidcSignIn(settings: OidcSettings, returnTo: string): Promise<void> {
  await manager(settings).signinRedirect({ state: { returnTo } });
}

/** Back from the issuer: exchange the code, keep the access token the api verifies against the JWKS. */
export async function completeOidcSignIn(settings: OidcSettings): Promise<string> {
  const user = await manager(settings).signinRedirectCallback();
  signIn(user.access_token);
  const state = user.state as { returnTo?: string } | undefined;
  return state?.returnTo ?? '/console/';
}
