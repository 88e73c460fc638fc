/**
 * Where Netwright keeps its own small files (recent list, recovery). Electron
 * passes app.getPath('userData'); serve and the CLI use the platform's usual
 * place. NETWRIGHT_CONFIG_DIR overrides both, which tests and e2e runs use to
 * stay out of the real home folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.NETWRIGHT_CONFIG_DIR) return env.NETWRIGHT_CONFIG_DIR;
  switch (platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Netwright');
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Netwright');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'netwright');
  }
}
