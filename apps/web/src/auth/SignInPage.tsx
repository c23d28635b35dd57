import { useEffect, useRef } from 'react';
import type { AuthInfo } from '../api/trpc-react.js';
import { useAuth } from './auth-context.js';

/** Dev mode: one button per demo user, named after the user. Entra mode: one sign-in button. */
export function SignInPage({
  info,
  busy,
  error,
}: {
  info: AuthInfo;
  busy: string | null;
  error: string | null;
}) {
  const { signInDev, signInEntra } = useAuth();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <main className="signin" id="main">
      <div className="signin-card">
        <h1 ref={heading} tabIndex={-1}>
          Sign in to SalesCoach
        </h1>
        <p className="muted">Your AI sales coach: pipeline, deals at risk, objection handling.</p>
        {info.mode === 'dev' ? (
          <>
            <p>Development sign-in: choose a demo user.</p>
            <ul className="dev-users" aria-label="Demo users">
              {info.devUsers.map((user) => (
                <li key={user.key}>
                  <button
                    type="button"
                    className="dev-user"
                    aria-label={user.key}
                    aria-describedby={`dev-user-${user.key}`}
                    disabled={busy !== null}
                    onClick={() => signInDev(user.key)}
                  >
                    <span className="dev-user-key">{user.key}</span>
                  </button>
                  <span id={`dev-user-${user.key}`} className="muted dev-user-detail">
                    {user.name} · {user.roles.join(', ')}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <button type="button" className="primary" disabled={busy !== null} onClick={signInEntra}>
            Sign in with Microsoft
          </button>
        )}
        {busy && (
          <p role="status" className="muted">
            Signing in…
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <p className="muted small">
          Answers by{' '}
          {info.model.provider === 'offline'
            ? 'the offline model (no LLM configured)'
            : `${info.model.provider} · ${info.model.chat}`}
        </p>
      </div>
    </main>
  );
}
