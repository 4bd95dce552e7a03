package io.rigshare.marketplace.auth;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.marketplace.errors.ErrorResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code Authorization: Bearer <session token>} through dropwizard-auth, refusing in our JSON error shape. */
public final class BearerAuth {
  private BearerAuth() {}

  public static void register(JerseyEnvironment jersey, AuthService auth) {
    AuthFilter<String, WalletPrincipal> filter =
        new OAuthCredentialAuthFilter.Builder<WalletPrincipal>()
            .setAuthenticator(auth::authenticate)
            .setPrefix("Bearer")
            .setRealm("rigshare")
            .setUnauthorizedHandler(new JsonUnauthorizedHandler())
            .buildAuthFilter();
    jersey.register(new AuthDynamicFeature(filter));
    jersey.register(new AuthValueFactoryProvider.Binder<>(WalletPrincipal.class));
  }

  static final class JsonUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
      return Response.status(401)
          .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(
              ErrorResponse.of(
                  ErrorCode.UNAUTHORIZED, "sign in first: send Authorization: Bearer <session token>"))
          .build();
    }
  }
}
