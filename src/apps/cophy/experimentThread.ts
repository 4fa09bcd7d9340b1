/**
 * One worker thread of the BallsCF experiment (experiment.ts, given a task pool by `npm run experiment`):
 * its own tfjs WASM backend and its own copy of the model, evaluating or abducting one example per task.
 * Every example depends only on (seed, split, index) and the weights, so a task gives the same numbers here
 * as in the main thread (scripts/cophyThreads.test.ts checks it), and the run's report does not depend on how
 * many threads shared it. Node only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../shared/tf/node';
import type { TaskSetup } from '../../shared/taskPool';
import { generateExample, type Split } from './core/dataset';
import { abductExample, ballsEvaluation, evaluateExample, type ExampleEvaluation } from './core/evaluate';
import type { ProbeSample } from './core/massProbe';
import { loadShippedModel } from './core/shippedModel';
import { loadCodyDynamics } from './core/codyDynamics';
import { nodeWeightReader } from './experiment';

export interface BallsThreadInit {
  seed: number;
  /** the folder of the weight files, as a file: URL ending in a slash (default: the shipped ones) */
  weightsUrl?: string;
}

export type BallsThreadTask = { kind: 'evaluate'; index: number; pixelStride: number } | { kind: 'abduct'; split: Split; index: number };

export interface BallsThreadResult {
  evaluation?: ExampleEvaluation;
  probe?: ProbeSample[];
  /** tensors the task left behind (the experiment sums them into leakedTensors) */
  leaked: number;
}

export const setup: TaskSetup<BallsThreadInit, BallsThreadTask, BallsThreadResult> = async (init) => {
  await initNodeBackend('wasm');
  const model = await loadShippedModel(nodeWeightReader(init.weightsUrl ? new URL(init.weightsUrl) : undefined), loadCodyDynamics);
  const kit = ballsEvaluation();
  return (task) => {
    const before = tf.memory().numTensors;
    if (task.kind === 'evaluate') {
      const evaluation = evaluateExample(model, generateExample(init.seed, 'test', task.index), task.index, { pixelStride: task.pixelStride }, kit);
      return { evaluation, leaked: tf.memory().numTensors - before };
    }
    const { probe } = abductExample(model, generateExample(init.seed, task.split, task.index), task.index, kit);
    return { probe, leaked: tf.memory().numTensors - before };
  };
};
