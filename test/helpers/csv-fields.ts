/**
 * The tests' own CSV field splitter, shared by the analysis oracle and the generator's checks: naive on
 * purpose and sharing nothing with src/, so that what it reads is an independent view of the files.
 */

/**
 * Split one line into fields: commas separate, a field that starts with `"` runs to the next lone `"`,
 * and `""` inside it is one quote. A quote that never closes, or text after a closing quote, throws:
 * the oracle's inputs do not contain such rows (SPEC.md does not settle where such a row ends).
 */
export function splitFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) throw new Error(`oracle: unclosed quote in ${JSON.stringify(line)}`);
        value += line.slice(i, close);
        if (line[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line[i] !== ',') throw new Error(`oracle: text after a closing quote in ${JSON.stringify(line)}`);
      i++;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}
