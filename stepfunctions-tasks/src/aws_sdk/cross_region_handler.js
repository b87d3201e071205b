// CallAwsServiceCrossRegion's function: makes one AWS SDK for JavaScript v3 call in the region
// the state names ({region, endpoint?, service, action, parameters?}) and returns the response
// as JSON. Written for this library after the behaviour of aws-cdk-lib's handler; streamed
// bodies (S3 GetObject) are read as text, and a byte payload (Lambda Invoke) is decoded.
const decoder = new TextDecoder();

async function plain(value) {
  if (value && typeof value.transformToString === 'function') {
    return value.transformToString();
  }
  if (value instanceof Uint8Array) {
    const text = decoder.decode(value);
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return value;
}

exports.handler = async (event) => {
  console.log('Request: %j', { region: event.region, service: event.service, action: event.action });
  const name = `@aws-sdk/client-${event.service}`;
  const pkg = require(name);
  const clients = Object.keys(pkg).filter((k) => k.endsWith('Client') && k !== '__Client');
  if (clients.length !== 1) {
    throw new Error(`${name} has ${clients.length} client classes (${clients.join(', ')}), expected one`);
  }
  const wanted = `${event.action}Command`.toLowerCase();
  const command = Object.keys(pkg).find((k) => k.toLowerCase() === wanted);
  if (!command) {
    throw new Error(`${name} has no command for the action ${event.action}`);
  }
  const config = { region: event.region };
  if (event.endpoint) {
    config.endpoint = event.endpoint;
  }
  const client = new pkg[clients[0]](config);
  const response = await client.send(new pkg[command](event.parameters ?? {}));
  for (const key of Object.keys(response)) {
    response[key] = await plain(response[key]);
  }
  return JSON.parse(JSON.stringify(response));
};
