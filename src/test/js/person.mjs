// A person on Element's own crypto stack (matrix-js-sdk with its Rust crypto) in strict mode: it shares
// room keys only with devices their owner cross-signed, as Element does with "exclude insecure devices".
// Driven by the integration tests over JSON lines: requests on stdin ({"id", "op", ...}), answers and
// events on stdout ({"id", "ok", ...} / {"event", ...}). Logs go to stderr. Started by scripts/js-person,
// which passes the installed packages' directory in JS_PERSON_MODULES.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

// stdout carries the protocol only; the SDK's chatter goes to stderr, debug output only when asked for.
const verbose = process.env.JS_PERSON_DEBUG === "1";
const toStderr = (...args) => process.stderr.write(args.map(String).join(" ") + "\n");
console.log = console.info = console.debug = console.trace = verbose ? toStderr : () => {};
console.warn = console.error = toStderr;

// The packages live outside the repository (see scripts/js-person); resolve them from there.
const requireFrom = createRequire(process.env.JS_PERSON_MODULES + "/");
const load = (name) => import(pathToFileURL(requireFrom.resolve(name)).href);
await load("fake-indexeddb/auto"); // an IndexedDB under Node, for the Rust crypto store
const sdk = await load("matrix-js-sdk");
const { OnlySignedDevicesIsolationMode } = await load("matrix-js-sdk/lib/crypto-api/index.js");

let client;

function send(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

function waitForFirstSync() {
  return new Promise((resolve, reject) => {
    const onSync = (state) => {
      if (state === "PREPARED" || state === "SYNCING") {
        client.off(sdk.ClientEvent.Sync, onSync);
        resolve();
      } else if (state === "ERROR") {
        client.off(sdk.ClientEvent.Sync, onSync);
        reject(new Error("first sync failed"));
      }
    };
    client.on(sdk.ClientEvent.Sync, onSync);
  });
}

function report(event) {
  const base = { roomId: event.getRoomId(), eventId: event.getId(), sender: event.getSender() };
  if (event.getType() === "m.room.message") {
    const content = event.getContent();
    send({ event: "message", ...base, msgtype: content.msgtype ?? null, body: content.body ?? null,
      encrypted: event.isEncrypted() });
  } else if (event.getType() === "m.room.member") {
    send({ event: "membership", ...base, userId: event.getStateKey(), membership: event.getContent().membership });
  }
}

async function login({ homeserver, user, password }) {
  const anonymous = sdk.createClient({ baseUrl: homeserver });
  const session = await anonymous.loginRequest({
    type: "m.login.password",
    identifier: { type: "m.id.user", user },
    password,
    initial_device_display_name: "js-person",
  });
  client = sdk.createClient({
    baseUrl: homeserver,
    userId: session.user_id,
    deviceId: session.device_id,
    accessToken: session.access_token,
  });
  await client.initRustCrypto();
  client.getCrypto().setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());

  client.on(sdk.RoomEvent.Timeline, (event, room, toStartOfTimeline, removed, data) => {
    if (toStartOfTimeline || removed || !data?.liveEvent) return;
    // Encrypted events are reported once decryption has been tried (below), with the clear content.
    if (!event.isEncrypted()) report(event);
  });
  client.on(sdk.MatrixEventEvent.Decrypted, (event) => {
    if (event.isDecryptionFailure()) {
      send({ event: "undecryptable", roomId: event.getRoomId(), eventId: event.getId(), sender: event.getSender(),
        reason: String(event.decryptionFailureReason) });
    } else {
      report(event);
    }
  });

  const synced = waitForFirstSync();
  await client.startClient({ initialSyncLimit: 10 });
  await synced;
  // Like a person who set up Element: their own identity exists and signs their device.
  await client.getCrypto().bootstrapCrossSigning({
    authUploadDeviceSigningKeys: async (makeRequest) => {
      await makeRequest({ type: "m.login.password", identifier: { type: "m.id.user", user }, password });
    },
  });
  return { userId: session.user_id, deviceId: session.device_id };
}

const operations = {
  login,

  async createRoom({ name, invite }) {
    const { room_id: roomId } = await client.createRoom({
      name,
      preset: "private_chat",
      invite,
      initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    return { roomId };
  },

  async say({ roomId, body }) {
    const { event_id: eventId } = await client.sendEvent(roomId, "m.room.message", { msgtype: "m.text", body });
    return { eventId };
  },

  /** How this client judges another user's device: what strict mode decides on. */
  async deviceStatus({ userId, deviceId }) {
    await client.getCrypto().getUserDeviceInfo([userId], true);
    const status = await client.getCrypto().getDeviceVerificationStatus(userId, deviceId);
    return status === null ? { known: false }
      : { known: true, signedByOwner: status.signedByOwner, crossSigningVerified: status.crossSigningVerified };
  },

  async stop() {
    client?.stopClient();
    setImmediate(() => process.exit(0));
    return {};
  },
};

// One request at a time, in order: each answer names the request it belongs to.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  queue = queue.then(async () => {
    let request;
    try {
      request = JSON.parse(line);
      const operation = operations[request.op];
      if (!operation) throw new Error(`unknown op ${request.op}`);
      send({ id: request.id, ok: true, ...(await operation(request)) });
    } catch (e) {
      send({ id: request?.id ?? null, ok: false, error: `${e?.name ?? "Error"}: ${e?.message ?? e}` });
    }
  });
}).on("close", () => {
  client?.stopClient();
  process.exit(0);
});
