// Parses PromQL expressions with Prometheus' own lezer grammar (the one its web UI uses).
// stdin: a JSON array of {"source": "...", "expr": "..."}; stdout: the same array, each entry with
// "errors" (syntax errors, with their position) and "metrics" (the metric names its selectors name).
// Grafana's template variables are replaced by values of their kind first ($__rate_interval by 5m, ...).
import { parser } from '@prometheus-io/lezer-promql';
import { readFileSync } from 'node:fs';

const GRAFANA_RANGES = /\$(__rate_interval|__interval|__range)|\$\{(__rate_interval|__interval|__range)\}/g;

function check({ source, expr }) {
  const text = expr.replace(GRAFANA_RANGES, '5m');
  const errors = [];
  const metrics = new Set();
  const tree = parser.parse(text);
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push(`syntax error at ${node.from}: ${JSON.stringify(text.slice(Math.max(0, node.from - 20), node.to + 20))}`);
      }
      if (node.name === 'VectorSelector') {
        const name = node.node.getChild('Identifier');
        if (name) {
          metrics.add(text.slice(name.from, name.to));
        } else {
          const byName = /__name__\s*=\s*"([^"]+)"/.exec(text.slice(node.from, node.to));
          if (byName) metrics.add(byName[1]);
        }
      }
    },
  });
  if (text.trim() === '') errors.push('empty expression');
  return { source, expr, errors, metrics: [...metrics].sort() };
}

const input = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(input.map(check)));
