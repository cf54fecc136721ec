import path from 'node:path';
import { ConfigError } from '../../platform';
import { loadRuntimeConfig } from '../../server/runtime/config';

const CWD = '/srv/minsheng';

describe('npm start settings', () => {
  it('loads the demo and runs the embedded engine on Camunda’s ports by default', () => {
    const config = loadRuntimeConfig({}, CWD);
    expect(config.demo).toBe(true);
    expect(config.engine).toEqual({
      kind: 'embedded',
      settings: {
        grpcPort: 26500,
        restPort: 8080,
        maxQueuedCommands: undefined,
        dueDateCheckIntervalMs: undefined,
        searchLagMs: undefined,
        requestTimeoutMs: undefined,
      },
    });
    expect(path.basename(config.processesDir)).toBe('processes');
  });

  it('MINSHENG_DEMO=off turns the demo off, and production never loads it', () => {
    expect(loadRuntimeConfig({ MINSHENG_DEMO: 'off' }, CWD).demo).toBe(false);
    expect(loadRuntimeConfig({ MINSHENG_DEMO: 'OFF' }, CWD).demo).toBe(false);
    expect(loadRuntimeConfig({ NODE_ENV: 'production' }, CWD).demo).toBe(false);
    expect(loadRuntimeConfig({ NODE_ENV: 'production', MINSHENG_DEMO: 'on' }, CWD).demo).toBe(
      false,
    );
    expect(() => loadRuntimeConfig({ MINSHENG_DEMO: 'yes' }, CWD)).toThrow(ConfigError);
  });

  it('PROCESS_START_LEASE_SECONDS sets the process-start lease, 300 s by default', () => {
    expect(loadRuntimeConfig({}, CWD).processStartLeaseMs).toBe(300_000);
    expect(loadRuntimeConfig({ PROCESS_START_LEASE_SECONDS: '15' }, CWD).processStartLeaseMs).toBe(
      15_000,
    );
    expect(() => loadRuntimeConfig({ PROCESS_START_LEASE_SECONDS: '0' }, CWD)).toThrow(ConfigError);
  });

  it('MINSHENG_PROCESSES_DIR is resolved against the working directory', () => {
    expect(loadRuntimeConfig({ MINSHENG_PROCESSES_DIR: 'models' }, CWD).processesDir).toBe(
      '/srv/minsheng/models',
    );
  });

  it('ZEEBE_GRPC_ADDRESS and ZEEBE_REST_ADDRESS together name a cluster instead of the embedded engine', () => {
    const config = loadRuntimeConfig(
      {
        ZEEBE_GRPC_ADDRESS: 'grpcs://zeebe.example.org:443',
        ZEEBE_REST_ADDRESS: 'https://zeebe.example.org',
      },
      CWD,
    );
    expect(config.engine).toEqual({
      kind: 'external',
      target: {
        grpcAddress: 'grpcs://zeebe.example.org:443',
        restAddress: 'https://zeebe.example.org',
        embedded: false,
      },
    });
  });

  it('refuses one cluster address without the other, and a gRPC address without its scheme', () => {
    expect(() => loadRuntimeConfig({ ZEEBE_GRPC_ADDRESS: 'grpc://h:26500' }, CWD)).toThrow(
      /set both ZEEBE_GRPC_ADDRESS/,
    );
    expect(() => loadRuntimeConfig({ ZEEBE_REST_ADDRESS: 'http://h:8080' }, CWD)).toThrow(
      /set both ZEEBE_GRPC_ADDRESS/,
    );
    expect(() =>
      loadRuntimeConfig(
        { ZEEBE_GRPC_ADDRESS: 'h:26500', ZEEBE_REST_ADDRESS: 'http://h:8080' },
        CWD,
      ),
    ).toThrow(/grpc:\/\/ or grpcs:\/\//);
  });

  it('refuses engine ports that are not ports', () => {
    expect(() => loadRuntimeConfig({ ENGINE_GRPC_PORT: '70000' }, CWD)).toThrow(
      /ENGINE_GRPC_PORT must be an integer from 0 to 65535/,
    );
    expect(loadRuntimeConfig({ ENGINE_REST_PORT: '0' }, CWD).engine).toMatchObject({
      settings: { restPort: 0 },
    });
  });
});
