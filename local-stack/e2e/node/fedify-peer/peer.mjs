// A stock Fedify server with one actor, "alice", that FedifyPeerIT federates with Nuage.
//
// Everything that crosses the wire is Fedify's own work: WebFinger and object look-ups, the
// signing of what alice sends, and the checks on what reaches her inbox (HTTP signature, key
// owner, then parsing into Fedify's vocabulary classes). The test drives alice through a small
// control API and reads back what her inbox accepted:
//
//   POST /control/follow   {handle}             look the actor up by WebFinger, send Follow
//   POST /control/unfollow {handle}             send Undo{Follow}
//   POST /control/lookup   {id}                 fetch and parse an object (a Video)
//   POST /control/reply    {inReplyTo, content} send Create{Note} to the object's authors
//   POST /control/like     {object}             send Like to the object's authors
//   GET  /control/events                        the activities alice's inbox verified, parsed
//
// "Send" is Fedify's: the activity is queued, signed and delivered, and retried while it fails.
//
// Usage: node peer.mjs PORT. It prints "fedify peer listening on URL" once it serves.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import { randomUUID } from "node:crypto";
import {
  Accept, Announce, Create, Delete, Follow, Like, Note, Person, PUBLIC_COLLECTION, Undo, Update,
  createFederation, Endpoints, generateCryptoKeyPair, InProcessMessageQueue, isActor, MemoryKvStore, verifyJsonLd,
} from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { configure, getConsoleSink } from "@logtape/logtape";

const port = Number(process.argv[2]);
const origin = `http://127.0.0.1:${port}`;

// The test network has no TLS. Fedify looks `acct:` handles up over https only, as the
// WebFinger RFC requires; here, loopback https is the same server over plain http.
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.startsWith("https://127.0.0.1:")) {
    const downgraded = "http" + url.substring("https".length);
    return realFetch(input instanceof Request ? new Request(downgraded, input) : downgraded, init);
  }
  return realFetch(input, init);
};

// Fedify's own account of what it refused and why, in the test's output.
await configure({
  contextLocalStorage: new AsyncLocalStorage(),
  sinks: { console: getConsoleSink() },
  loggers: [
    { category: "fedify", lowestLevel: process.env.FEDIFY_PEER_LOG ?? "info", sinks: ["console"] },
    { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] },
  ],
});

const federation = createFederation({
  kv: new MemoryKvStore(),
  // As a deployed Fedify server does: what it sends is queued, and retried while the other side fails.
  queue: new InProcessMessageQueue(),
  // Nuage runs on 127.0.0.1 too.
  allowPrivateAddress: true,
});

// RSA for HTTP and Linked Data signatures, Ed25519 for Object Integrity Proofs, as Fedify's docs set up.
const keys = [await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"), await generateCryptoKeyPair("Ed25519")];
const notes = new Map(); // id -> Note alice wrote, served at that id
const follows = new Map(); // handle -> { follow, target }
const events = []; // what alice's inbox accepted, in order
const ldSignatures = new Map(); // activity id -> whether its embedded LD signature verifies, by Fedify's verifyJsonLd

federation
  .setActorDispatcher("/users/{identifier}", (ctx, identifier) => {
    if (identifier !== "alice") return null;
    return ctx.getActorKeyPairs(identifier).then((pairs) => new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Alice of Fedify",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      url: ctx.getActorUri(identifier),
      publicKey: pairs[0].cryptographicKey,
      assertionMethods: pairs.map((pair) => pair.multikey),
    }));
  })
  .setKeyPairsDispatcher((ctx, identifier) => (identifier === "alice" ? keys : []));

federation.setObjectDispatcher(Note, "/notes/{id}", (ctx, values) => notes.get(ctx.getObjectUri(Note, values).href) ?? null);

/** Records an activity the inbox verified, with the fields the test checks, as Fedify parsed them. */
async function record(ctx, activity) {
  const object = await activity.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
  events.push({
    type: activity.constructor.name,
    id: activity.id?.href ?? null,
    actor: activity.actorId?.href ?? null,
    objectType: object?.constructor.name ?? null,
    objectId: object?.id?.href ?? activity.objectId?.href ?? null,
    ldSignature: ldSignatures.get(activity.id?.href) ?? null,
    ...describe(object),
  });
}

/** The fields of a Note or Video the test compares with what Nuage says it sent. */
function describe(object) {
  if (object == null) return {};
  const described = {};
  if (object.name != null) described.name = object.name.toString();
  if (object.content != null) described.content = object.content.toString();
  if (object.replyTargetId != null) described.inReplyTo = object.replyTargetId.href;
  if (object.attributionIds?.length) described.attributedTo = object.attributionIds.map((id) => id.href);
  if (object.duration != null) described.duration = object.duration.toString();
  if (object.urls?.length) {
    described.urls = object.urls.map((url) => (url instanceof URL
      ? { href: url.href }
      : { href: url.href?.href ?? null, mediaType: url.mediaType ?? null }));
  }
  if (object.objectId != null && object.constructor === Follow) described.followed = object.objectId.href;
  return described;
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Accept, (ctx, accept) => record(ctx, accept))
  .on(Create, (ctx, create) => record(ctx, create))
  .on(Announce, (ctx, announce) => record(ctx, announce))
  .on(Update, (ctx, update) => record(ctx, update))
  .on(Delete, (ctx, del) => record(ctx, del))
  .on(Like, (ctx, like) => record(ctx, like))
  .on(Undo, (ctx, undo) => record(ctx, undo))
  .onError((ctx, error) => events.push({ type: "error", message: String(error) }));

function controlContext() {
  return federation.createContext(new URL(origin), undefined);
}

/** Looks an actor up by handle (WebFinger, then its document) and fails unless it is one. */
async function actorOf(ctx, handle) {
  const actor = await ctx.lookupObject(handle);
  if (!isActor(actor)) throw new Error(`${handle} is not an actor: ${actor?.constructor.name ?? "not found"}`);
  return actor;
}

/**
 * The actors an object names as its authors, each fetched: PeerTube and Nuage embed only their
 * type and id, and an activity about the object goes to their inboxes.
 */
async function authorsOf(ctx, object) {
  const authors = [];
  for (const id of object.attributionIds) {
    const author = await ctx.lookupObject(id);
    if (isActor(author)) authors.push(author);
  }
  if (authors.length === 0) throw new Error(`${object.id?.href} names no author`);
  return authors;
}

const control = {
  async follow(ctx, { handle }) {
    const target = await actorOf(ctx, handle);
    const follow = new Follow({
      id: new URL(`/follows/${randomUUID()}`, origin),
      actor: ctx.getActorUri("alice"),
      object: target.id,
    });
    follows.set(handle, { follow, target });
    await ctx.sendActivity({ identifier: "alice" }, target, follow);
    return { actor: target.id.href, type: target.constructor.name, inbox: target.inboxId?.href, follow: follow.id.href };
  },

  async unfollow(ctx, { handle }) {
    if (!follows.has(handle)) throw new Error(`alice does not follow ${handle}`);
    const { follow, target } = follows.get(handle);
    const undo = new Undo({ id: new URL(`/undos/${randomUUID()}`, origin), actor: ctx.getActorUri("alice"), object: follow });
    await ctx.sendActivity({ identifier: "alice" }, target, undo);
    return { undo: undo.id.href };
  },

  async lookup(ctx, { id }) {
    const object = await ctx.lookupObject(id);
    if (object == null) throw new Error(`${id} could not be fetched or parsed`);
    const attachments = [];
    for await (const attachment of object.getAttachments({ documentLoader: ctx.documentLoader })) {
      attachments.push({ type: attachment.constructor.name, href: attachment.href?.href ?? attachment.url?.href ?? null,
        mediaType: attachment.mediaType ?? null });
    }
    return { type: object.constructor.name, id: object.id?.href, attachments, ...describe(object) };
  },

  async reply(ctx, { inReplyTo, content }) {
    const target = await ctx.lookupObject(inReplyTo);
    if (target == null) throw new Error(`${inReplyTo} could not be fetched`);
    const authors = await authorsOf(ctx, target);
    const id = new URL(`/notes/${randomUUID()}`, origin);
    const note = new Note({
      id,
      attribution: ctx.getActorUri("alice"),
      replyTarget: target.id,
      content,
      to: PUBLIC_COLLECTION,
      ccs: authors.map((author) => author.id),
      published: Temporal.Now.instant(),
    });
    notes.set(id.href, note);
    const create = new Create({
      id: new URL(`${id.href}/activity`),
      actor: ctx.getActorUri("alice"),
      object: note,
      to: PUBLIC_COLLECTION,
      ccs: authors.map((author) => author.id),
    });
    await ctx.sendActivity({ identifier: "alice" }, authors, create);
    return { note: id.href, create: create.id.href };
  },

  async like(ctx, { object }) {
    const target = await ctx.lookupObject(object);
    if (target == null) throw new Error(`${object} could not be fetched`);
    const authors = await authorsOf(ctx, target);
    const like = new Like({ id: new URL(`/likes/${randomUUID()}`, origin), actor: ctx.getActorUri("alice"), object: target.id });
    await ctx.sendActivity({ identifier: "alice" }, authors, like);
    return { like: like.id.href };
  },
};

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function reply(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  try {
    const body = await readBody(req);
    const url = new URL(req.url, origin);
    if (url.pathname.startsWith("/control/")) {
      const action = url.pathname.substring("/control/".length);
      if (req.method === "GET" && action === "events") return reply(res, 200, events);
      if (req.method !== "POST" || !Object.hasOwn(control, action)) return reply(res, 404, { error: `no ${req.method} ${url.pathname}` });
      return reply(res, 200, await control[action](controlContext(), JSON.parse(body.toString("utf8"))));
    }
    if (req.method === "POST" && body.length > 0) {
      // Checked beside the inbox rather than by it: Fedify takes a valid LD signature in place of
      // the HTTP one and does not say which it used, so the test learns it here.
      try {
        const json = JSON.parse(body.toString("utf8"));
        if (json?.signature != null && typeof json.id === "string") {
          ldSignatures.set(json.id, await verifyJsonLd(json, { documentLoader: controlContext().documentLoader }));
        }
      } catch {
        // Not JSON: the inbox answers that itself.
      }
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const request = new Request(url, { method: req.method, headers, body: body.length > 0 ? body : undefined });
    const response = await federation.fetch(request, { contextData: undefined });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    reply(res, 500, { error: String(error?.stack ?? error) });
  }
});

server.listen(port, "127.0.0.1", () => console.log(`fedify peer listening on ${origin}`));
