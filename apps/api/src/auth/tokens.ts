import { SignJWT, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { Unauthenticated, type Actor } from '../../../../libs/kernel/src/index.js';
import type { ConcordConfig } from '../config.js';
import { jwtSecret } from './jwt-secret.js';

/** Verifies bearer tokens: HS256 with the local secret, or an OpenID Connect provider's keys. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly config: ConcordConfig) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
      this.algorithms = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256', 'EdDSA'];
    } else {
      this.key = jwtSecret(config);
      this.algorithms = ['HS256'];
    }
  }

  /** The actor named by an `Authorization` value; throws Unauthenticated when it is not valid. */
  async verify(authorization: string | undefined): Promise<Actor> {
    const token = bearerToken(authorization);
    if (!token) throw new Unauthenticated();
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: this.algorithms,
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
        requiredClaims: ['sub', 'exp'],
      };
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(token, this.key, options)).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch (error) {
      throw new Unauthenticated(reasonOf(error));
    }
    const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((r): r is string => typeof r === 'string') : [];
    return { subject: payload.sub!, roles };
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match?.[1] ?? authorization.trim();
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token claim ${error.claim} is not valid`;
  return 'the token is not valid';
}

export interface TokenRequest {
  subject: string;
  roles: string[];
  /** Lifetime such as `1h`, `30m`, `7d`. */
  ttl: string;
}

/** Signs a token with the local secret (the `concord token` command and tests). */
export async function signToken(config: Pick<ConcordConfig, 'jwtSecret' | 'dataDir'>, request: TokenRequest): Promise<string> {
  return new SignJWT({ roles: request.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.ttl)
    .sign(jwtSecret(config));
}
