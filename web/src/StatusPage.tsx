import { useEffect, useState } from 'react';

interface Readiness {
  status: 'ready' | 'not_ready';
  database: { kind: 'embedded' | 'server' };
}

/**
 * Placeholder until the map application lands: says what Oshaq is and whether its database
 * is ready, in Kazakh first.
 */
export function StatusPage() {
  const [readiness, setReadiness] = useState<Readiness | 'error' | undefined>();
  useEffect(() => {
    fetch('/readyz')
      .then((response) => response.json() as Promise<Readiness>)
      .then(setReadiness, () => setReadiness('error'));
  }, []);
  const state =
    readiness === undefined
      ? 'Тексерілуде…'
      : readiness === 'error' || readiness.status !== 'ready'
        ? 'Дерекқор дайын емес'
        : `Дерекқор дайын (${readiness.database.kind === 'embedded' ? 'кіріктірілген' : 'сервер'})`;
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto', padding: '0 1rem' }}>
      <h1>Oshaq</h1>
      <p>Әлеуметтік шиеленіс ошақтарының картасы</p>
      <p lang="ru">Карта очагов социальной напряжённости</p>
      <p role="status" data-testid="readiness">
        {state}
      </p>
    </main>
  );
}
