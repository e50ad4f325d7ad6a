/**
 * The floor of a command over HTTP on this stack: a bare NestJS (Express) app whose one route does
 * what every command must do at the least, one INSERT of an event-sized row, and answers 201 with
 * JSON. No auth, validation, logging, decision, hash chain or projection. The bench loads it like
 * the api (same client, same connections) to show how much of the gap to raw INSERT is the stack's.
 * Run by the bench as a process of its own: `node --import tsx bench/lib/http-floor.server.ts`.
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const metadata = JSON.stringify({
  actor: { id: 'bench', name: '压测', role: 'handler', orgUnit: '市委组织部' },
  commandId: '00000000-0000-4000-8000-000000000000',
  hash: 'a'.repeat(64),
  prevHash: 'b'.repeat(64),
});

@Controller()
class FloorController {
  @Post('cases/:id/rows')
  @HttpCode(201)
  async append(
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ streamId: string; revision: string }> {
    const { rows } = await pool.query<{ id: string }>(
      'INSERT INTO bench_floor_events (stream_id, type, data, metadata) VALUES ($1, $2, $3, $4) RETURNING id::text',
      [id, 'RecommendationRoundRecorded', JSON.stringify(body), metadata],
    );
    return { streamId: id, revision: rows[0].id };
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

async function main(): Promise<void> {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_floor_events (id bigserial PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)',
  );
  const app = await NestFactory.create(FloorModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.stdout.write(`listening ${process.env.PORT}\n`);
  const stop = async () => {
    await app.close();
    await pool.query('DROP TABLE IF EXISTS bench_floor_events').catch(() => undefined);
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}

void main();
