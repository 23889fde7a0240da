import type { CommandModule } from 'yargs';

export const statusCommand: CommandModule = {
  command: 'status',
  describe: 'Show what the store holds, per source, and whether a rerun has work to do',
  handler: () => {
    process.stdout.write('status: not implemented yet\n');
  },
};
