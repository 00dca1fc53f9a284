// Checks REST JSON against the response types PeerTube publishes (@peertube/peertube-types): for
// every required property, recursively, is it there, and is its JSON kind one the type allows.
import ts from 'typescript';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const TYPES_MODULE = '@peertube/peertube-types';

/**
 * Properties PeerTube's own server sends as null although its type does not say so: its formatters
 * copy nullable columns straight into the JSON. A null there is PeerTube's behaviour, not a wrong kind.
 * Keyed by the interface that declares the property.
 */
export const PEERTUBE_SENDS_NULL = new Set([
  // video-format-utils.ts: originallyPublishedAt, description, support and the constants' ids are
  // the model's nullable columns; a video with no category says { id: null, label: 'Unknown' }.
  'Video.originallyPublishedAt',
  'Video.description',
  'Video.truncatedDescription',
  'VideoDetails.support',
  'ConstantLabel.id',
  // video-api-format.ts: the summary of sensitive content is a nullable column; an unblocked video's
  // blacklistedReason, a video without source its videoSource, and a remote file's storage are null.
  'Video.nsfwSummary',
  'VideoAdditionalAttributes.blacklistedReason',
  'VideoAdditionalAttributes.videoSource',
  'VideoFile.storage',
  // video.model.ts: getMiniatureStaticPath() and getPreviewStaticPath() answer null for a video with
  // no image (another server's video that named none).
  'Video.thumbnailPath',
  'Video.previewPath',
  // A video whose file was never replaced has no inputFileUpdatedAt.
  'VideoDetails.inputFileUpdatedAt',
  // video-comment.ts: a thread's first comment answers nothing, a kept comment was never deleted.
  'VideoComment.inReplyToCommentId',
  'VideoComment.deletedAt',
  // account.ts and video-channel.ts: descriptions and support are optional columns.
  'Account.description',
  'VideoChannel.description',
  'VideoChannel.support',
  // user.ts: a user who never chose a language, and one who is not blocked.
  'User.language',
  'User.blockedReason',
  // stats-manager.ts: an average over no abuse or registration request is null, and so are the
  // moderator and administrator counts an instance chooses not to publish.
  'ServerStats.averageAbuseResponseTimeMs',
  'ServerStats.averageRegistrationRequestResponseTimeMs',
  'ServerStats.totalModerators',
  'ServerStats.totalAdmins'
]);

/** The JSON kind of a value: number, string, boolean, null, array or object. */
export function kindOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Compiles a program over PeerTube's declaration file once; {@link Types#resolve} turns a type
 * expression such as {@code ResultList<Video>} into a TypeScript type.
 */
export class Types {
  constructor() {
    const entry = require.resolve(`${TYPES_MODULE}/package.json`);
    this.declarations = join(dirname(entry), 'index.d.ts');
    this.options = {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true, skipLibCheck: true, noEmit: true, types: []
    };
    // One host for every program, so PeerTube's declarations and their imports are parsed once.
    this.host = ts.createCompilerHost(this.options);
    const parsed = new Map();
    const read = this.host.getSourceFile.bind(this.host);
    this.host.getSourceFile = (name, version, onError) => {
      if (name === this.generated?.name) return ts.createSourceFile(name, this.generated.source, version);
      if (!parsed.has(name)) parsed.set(name, read(name, version, onError));
      return parsed.get(name);
    };
    const exists = this.host.fileExists.bind(this.host);
    this.host.fileExists = name => name === this.generated?.name || exists(name);
    const program = ts.createProgram([this.declarations], this.options, this.host);
    const checker = program.getTypeChecker();
    const module = checker.getSymbolAtLocation(program.getSourceFile(this.declarations));
    this.exported = new Set(checker.getExportsOfModule(module).map(s => s.getName()));
    this.program = program;
  }

  /** Resolves each expression (PeerTube's exported names, TypeScript's own types) to a type. */
  resolveAll(expressions) {
    const file = join(here, '__conformance_types__.ts');
    const lines = [`import type * as PT from '${TYPES_MODULE}';`];
    expressions.forEach((expression, i) => {
      // Exported names are qualified so an expression reads as a reader writes it: ResultList<Video>.
      const qualified = expression.replace(/\b[A-Za-z_]\w*\b/g, name => this.exported.has(name) ? `PT.${name}` : name);
      lines.push(`export type T${i} = ${qualified};`);
    });
    this.generated = { name: file, source: lines.join('\n') };
    const program = ts.createProgram([file], this.options, this.host);
    const problems = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    if (problems.length > 0) {
      throw new Error('cannot resolve the types: ' + problems.map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; '));
    }
    const checker = program.getTypeChecker();
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)));
    return { checker, types: expressions.map((_, i) => checker.getDeclaredTypeOfSymbol(exports.find(s => s.getName() === `T${i}`))) };
  }
}

/**
 * Checks one JSON value against one type. Required properties are counted once per path (array
 * items share their path as {@code data[].name}), so the numbers do not grow with the page size; a
 * path is present only if every item that should have it has it.
 */
export function check(checker, type, value) {
  const required = new Map(); // path -> present in every occurrence
  const wrong = []; // { path, expected, actual }

  const requiredAt = (path, present) => required.set(path, (required.get(path) ?? true) && present);

  const members = t => t.isUnion() ? t.types : [t];
  const isDate = t => t.getSymbol()?.getName() === 'Date';
  const isArray = t => checker.isArrayType(t) || checker.isTupleType(t);

  function kindsOf(t) {
    const kinds = new Set();
    for (const m of members(t)) {
      const f = m.getFlags();
      if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return null;
      if (f & ts.TypeFlags.Null) kinds.add('null');
      else if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
      else if (f & ts.TypeFlags.StringLike) kinds.add('string');
      else if (f & ts.TypeFlags.NumberLike) kinds.add('number');
      else if (f & ts.TypeFlags.BooleanLike) kinds.add('boolean');
      // Dates travel as ISO 8601 strings.
      else if (isDate(m)) kinds.add('string');
      else if (isArray(m)) kinds.add('array');
      else if (f & (ts.TypeFlags.Object | ts.TypeFlags.NonPrimitive | ts.TypeFlags.Intersection)) kinds.add('object');
    }
    return kinds;
  }

  function objectMembers(t) {
    return members(t).filter(m => !isDate(m) && !isArray(m)
      && (m.getFlags() & (ts.TypeFlags.Object | ts.TypeFlags.NonPrimitive | ts.TypeFlags.Intersection)));
  }

  // Where a property is declared, as Interface.property, or Interface.block.property inside its type literals.
  const declaredIn = prop => {
    const names = [prop.getName()];
    let node = prop.declarations?.[0]?.parent;
    while (node && ts.isTypeLiteralNode(node) && node.parent && ts.isPropertySignature(node.parent)) {
      names.unshift(node.parent.name.getText());
      node = node.parent.parent;
    }
    if (!node || !(ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node))) return null;
    return [node.name.text, ...names].join('.');
  };

  // A required property that is absent counts its own required properties as absent too, so a
  // missing block weighs what it holds; nullable or alternative objects stop there.
  function absent(t, path, stack) {
    const objects = objectMembers(t);
    const kinds = kindsOf(t);
    if (objects.length !== 1 || kinds === null || kinds.size !== 1 || stack.includes(objects[0])) return;
    for (const prop of checker.getPropertiesOfType(objects[0])) {
      if (prop.flags & ts.SymbolFlags.Optional) continue;
      requiredAt(`${path}.${prop.getName()}`, false);
      absent(checker.getTypeOfSymbol(prop), `${path}.${prop.getName()}`, [...stack, objects[0]]);
    }
  }

  function visit(t, v, path, nullAllowedByPeerTube) {
    const kinds = kindsOf(t);
    if (kinds === null) return;
    const actual = kindOf(v);
    if (!kinds.has(actual)) {
      // Like required fields, a wrong kind counts once per path, however many list items repeat it.
      if (!(actual === 'null' && nullAllowedByPeerTube) && !wrong.some(w => w.path === path && w.actual === actual)) {
        wrong.push({ path, expected: [...kinds].join('|'), actual });
      }
      return;
    }
    if (actual === 'array') {
      const arrays = members(t).filter(isArray);
      v.forEach((item, i) => {
        const element = arrays.map(a => checker.isTupleType(a)
          ? checker.getTypeArguments(a)[i] : checker.getTypeArguments(a)[0]).find(Boolean);
        if (element) visit(element, item, `${path}[]`, false);
      });
    } else if (actual === 'object') {
      const objects = objectMembers(t);
      // Of alternative object types, the one the value fits best: fewest absent required properties.
      const best = objects.map(o => ({
        o, misses: checker.getPropertiesOfType(o).filter(p => !(p.flags & ts.SymbolFlags.Optional) && !(p.getName() in v)).length
      })).sort((a, b) => a.misses - b.misses)[0]?.o;
      if (!best) return;
      for (const prop of checker.getPropertiesOfType(best)) {
        const name = prop.getName();
        const propType = checker.getTypeOfSymbol(prop);
        const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
        const at = path === '' ? name : `${path}.${name}`;
        if (!(name in v)) {
          if (!optional) {
            requiredAt(at, false);
            absent(propType, at, [best]);
          }
          continue;
        }
        if (!optional) requiredAt(at, true);
        visit(propType, v[name], at, PEERTUBE_SENDS_NULL.has(declaredIn(prop)));
      }
      // Maps such as the categories ({"1": "Music"}): every entry has the index signature's type.
      for (const info of checker.getIndexInfosOfType(best)) {
        for (const [key, item] of Object.entries(v)) {
          if (!checker.getPropertyOfType(best, key)) visit(info.type, item, `${path}[${JSON.stringify(key)}]`, false);
        }
      }
    }
  }

  visit(type, value, '', false);
  const missing = [...required].filter(([, present]) => !present).map(([path]) => path);
  return { required: required.size, present: required.size - missing.length, missing, wrong };
}

/** Checks every endpoint; {@code endpoints} are {endpoint, type, status, json} (json absent when it did not answer). */
export function checkAll(endpoints, types = new Types()) {
  const { checker, types: resolved } = types.resolveAll(endpoints.map(e => e.type));
  return endpoints.map((e, i) => {
    const answered = e.status >= 200 && e.status < 300 && e.json !== undefined;
    if (answered) return { ...e, answered, ...check(checker, resolved[i], e.json) };
    // What did not answer misses every required property its type has at the top.
    const result = check(checker, resolved[i], {});
    return { ...e, answered, ...result, present: 0, missing: result.missing.length ? result.missing : ['(no answer)'], wrong: [] };
  });
}

export function summary(results) {
  const answered = results.filter(r => r.answered).length;
  const required = results.reduce((n, r) => n + r.required, 0);
  const present = results.reduce((n, r) => n + r.present, 0);
  const wrong = results.reduce((n, r) => n + r.wrong.length, 0);
  const percent = required === 0 ? 100 : Math.floor(present * 1000 / required) / 10;
  return {
    endpoints: results.length, answered, required, present, percent, wrongKinds: wrong,
    line: `PeerTube API conformance: ${answered}/${results.length} endpoints answered, ${present}/${required} required fields present (${percent.toFixed(1)} %), ${wrong} wrong kinds`
  };
}

export function report(results) {
  const lines = [];
  for (const r of results) {
    lines.push(`${r.endpoint} (${r.type}): HTTP ${r.status}, ${r.present}/${r.required} required fields present`);
    if (r.missing.length) lines.push(`  missing: ${r.missing.join(', ')}`);
    for (const w of r.wrong) lines.push(`  wrong kind: ${w.path || '(the body)'} is ${w.actual}, the type allows ${w.expected}`);
  }
  return lines.join('\n');
}
