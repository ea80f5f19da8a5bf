import { SignJWT, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { Unauthenticated, type Actor } from '#kernel';
import type { ConcordConfig } from './config.js';
import { jwtSecret } from './jwt-secret.js';

export interface Authenticated {
  actor: Actor;
  /** When the token stops being valid. */
  expiresAt: Date;
}

/** A token already verified, and until when (Date.now() milliseconds) that verdict stands. */
interface Verdict extends Authenticated {
  standsUntil: number;
}

/**
 * Verifies bearer tokens: HS256 with the local secret, or an OpenID Connect provider's keys.
 * A client sends the same token with every request; verifying its signature each time (through
 * WebCrypto, with a key import) was a seventh of a small query's CPU, so a valid token's verdict
 * is kept until the token expires. Only valid tokens are kept, so a client sending forged ones
 * pays the full check every time and cannot fill the cache.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verdicts = new LRUCache<string, Verdict>({ max: VERDICTS_KEPT });
  /**
   * How long a verdict may stand at most. The local secret never changes while the server runs;
   * a provider's key set is fetched again after jose's 10 minutes, so a key the provider withdraws
   * stops being trusted then, not when the tokens it signed expire.
   */
  private readonly maxVerdictAgeMs: number;

  constructor(private readonly config: ConcordConfig) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
      this.algorithms = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256', 'EdDSA'];
      this.maxVerdictAgeMs = 10 * 60_000;
    } else {
      this.key = jwtSecret(config);
      this.algorithms = ['HS256'];
      this.maxVerdictAgeMs = Infinity;
    }
  }

  /** The actor named by an `Authorization` value; throws Unauthenticated when it is not valid. */
  async verify(authorization: string | undefined): Promise<Actor> {
    return (await this.authenticate(authorization)).actor;
  }

  /** The actor and the instant the token stops being valid (a WebSocket closes then). */
  async authenticate(authorization: string | undefined): Promise<Authenticated> {
    if (!authorization) throw new Unauthenticated();
    const token = bearerToken(authorization);
    if (!token) throw new Unauthenticated('the authorization must use the Bearer scheme: "Bearer <token>"');
    const now = Date.now();
    const kept = this.verdicts.get(token);
    if (kept && now <= kept.standsUntil) return ownCopy(kept);
    const verdict = await this.verifyToken(token);
    // jose accepts a token until CLOCK_TOLERANCE_SECONDS after its exp, and so does a kept verdict.
    const standsUntil = Math.min(verdict.expiresAt.getTime() + CLOCK_TOLERANCE_SECONDS * 1000, now + this.maxVerdictAgeMs);
    if (token.length <= MAX_KEPT_TOKEN_LENGTH) this.verdicts.set(token, { ...ownCopy(verdict), standsUntil });
    return verdict;
  }

  /** The full check of a token: signature, issuer, audience, lifetime, subject. */
  private async verifyToken(token: string): Promise<Authenticated> {
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: this.algorithms,
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      };
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(token, this.key, options)).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch (error) {
      throw new Unauthenticated(reasonOf(error));
    }
    const subject: unknown = payload.sub;
    if (typeof subject !== 'string' || subject.trim() === '' || subject.length > MAX_SUBJECT_LENGTH) {
      throw new Unauthenticated(`the token claim sub must be a non-empty string of at most ${MAX_SUBJECT_LENGTH} characters`);
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp!;
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : now;
    if (issuedAt > now + CLOCK_TOLERANCE_SECONDS) throw new Unauthenticated('the token claim iat is not valid: it lies in the future');
    if (exp - issuedAt > this.config.jwtMaxLifetimeSeconds || exp - now > this.config.jwtMaxLifetimeSeconds) {
      throw new Unauthenticated(`the token lives too long: at most ${this.config.jwtMaxLifetimeSeconds} seconds are accepted`);
    }
    const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((r): r is string => typeof r === 'string') : [];
    return { actor: { subject, roles }, expiresAt: new Date(exp * 1000) };
  }
}

/** Clocks of token issuers and this server may differ by this much. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** Verdicts kept: the tokens of this many clients at once, the least recently used dropped first. */
const VERDICTS_KEPT = 10_000;
/** Longer tokens are verified every time, so the kept verdicts stay within a few megabytes. */
const MAX_KEPT_TOKEN_LENGTH = 2048;
const MAX_SUBJECT_LENGTH = 200;

/** A request may change its actor's roles (or a test may): the kept verdict must not change. */
function ownCopy({ actor, expiresAt }: Authenticated): Authenticated {
  return { actor: { subject: actor.subject, roles: [...actor.roles] }, expiresAt };
}

function bearerToken(authorization: string): string | undefined {
  return /^Bearer +([^\s]+)$/i.exec(authorization.trim())?.[1];
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
