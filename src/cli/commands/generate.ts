import type { CommandModule } from 'yargs';

export const generateCommand: CommandModule = {
  command: 'generate',
  describe: 'Write a generated Instacart-format data set',
  handler: () => {
    process.stdout.write('generate: not implemented yet\n');
  },
};
