// EvaluateExpression's function: aws-cdk-lib 2.276.0's eval-nodejs-handler, as inline code.
// Every state path of the expression is bound to its value from the task's input, as data
// (never pasted into the code as text), then the expression is evaluated.
function escapeRegex(x) {
  return x.replace(/[-\/\\^$*+?.()|[\]{}]/g, '\\$&');
}

exports.handler = async (event) => {
  console.log('Event: %j', { ...event, ResponseURL: '...' });
  const values = Object.create(null);
  Object.assign(values, event.expressionAttributeValues);
  // Longest first, so that `$.ab` is not taken for `$.a` followed by `b`.
  const keys = Object.keys(values).sort((a, b) => b.length - a.length);
  let expression = event.expression;
  if (keys.length > 0) {
    const paths = new RegExp(keys.map(escapeRegex).join('|'), 'g');
    expression = expression.replace(paths, (path) => `values[${JSON.stringify(path)}]`);
  }
  console.log(`Expression: ${expression}`);
  return new Function('values', '__expr', 'return eval(__expr);')(values, expression);
};
