/**
 * The DEG demo's React-free core (runs in Node, in Vitest and in a Web Worker). The usual flow:
 *
 *   const chem = await loadChem();                              // or loadBrowserChem() in the browser
 *   const set = prepareSet(chem, datasetSmiles('isocyanates')); // or readSmilesList(chem, text).smiles
 *   const builder = new GrammarBuilder(chem, set, initPotential(rng.fork('theta')), rng.fork('build'), { trace: true });
 *   while (builder.step()) { ... builder.trace.at(-1) ... }     // the step-through; or buildGrammar(...)
 *   builder.derivationOf(m)                                     // replays training molecule m
 *   const { metrics, sampling } = evaluateGrammar(chem, builder.grammar, trainingReference(chem, set, 'isocyanates'), rng, { target: 200 });
 *   const trainer = new DegTrainer(chem, set, ref, { seed }); await trainer.epochAsync({ yieldNow, cancelled });
 *
 * Drawing: chem.svg(smiles, { highlightAtoms }) for molecules and units; ruleDepictionSmiles(rule) with
 * chem.svg(…, { extra }) after parsing with { sanitize: false } for rules. Every RDKit object made
 * through `Chem` is deleted; `chem.live()` counts the ones alive.
 */
export * from './chem';
export * from './construct';
export * from './datasets';
export * from './evaluate';
export * from './features';
export * from './grammar';
export * from './hypergraph';
export * from './metrics';
export * from './potential';
export * from './reinforce';
export * from './sampling';
export * from './units';
export * from './userInput';
