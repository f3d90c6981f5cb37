import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigOverrides, loadConfig } from '../config/parley-config';
import { cli } from './cli-context';

export interface StoreFlags {
  db?: string;
  store?: string;
}

/** Boots the application without HTTP for one CLI command, and always closes the store afterwards. */
export const withApp = async <T>(flags: StoreFlags, run: (app: INestApplicationContext) => Promise<T>, features: Type[] = []): Promise<T> => {
  const overrides: ConfigOverrides = { db: flags.db, store: flags.store };
  const { env, clock } = cli();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadConfig(overrides, env), { features, clock }), { logger: ['error', 'warn'] });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
};
