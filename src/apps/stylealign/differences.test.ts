import { describe, expect, it } from 'vitest';
import { DIFFERENCES } from './differences';
import { GLASSES_PROBABILITY, IMAGE_SIZE, SUPERSAMPLE } from './core/domains';
import { DEFAULT_GENERATOR_CONFIG, generatorParamCount } from './core/generator';
import { DEFAULT_DISCRIMINATOR_CONFIG, discriminatorParamCount } from './core/discriminator';
import { ADAM_BETA1, ADAM_BETA2, DEFAULT_BATCH, DEFAULT_EMA_KIMG, DEFAULT_EMA_RAMPUP, DEFAULT_LR, DEFAULT_R1_GAMMA, R1_INTERVAL } from './core/ganTrainer';
import { FEATURE_DIM } from './core/oracle';
import { PROJECTOR_DEFAULTS } from './core/projector';

describe('the differences list says what the code does', () => {
  it('states the domains and network sizes the code uses', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain('procedural 32 × 32 pictures');
    expect(text).toContain('(4 × 4 supersampling)');
    expect(text).toContain('glasses in 30%');
    expect([IMAGE_SIZE, SUPERSAMPLE, GLASSES_PROBABILITY]).toEqual([32, 4, 0.3]);
    expect(text).toContain('z and w of 32 dimensions');
    expect(text).toContain('a 4-layer mapping network trained at lr × 0.01');
    expect(text).toContain('with 64, 64, 32, 32 channels');
    expect(text).toContain('toRGB skips: 180,780 parameters');
    expect(text).toContain('channels 32, 32, 64, 64 from 32 px down to 4 px');
    expect(text).toContain('groups of 4): 162,593 parameters');
    expect(DEFAULT_GENERATOR_CONFIG).toEqual({ zDim: 32, wDim: 32, mappingLayers: 4, mappingLrMul: 0.01, channels: [64, 64, 32, 32] });
    expect(DEFAULT_DISCRIMINATOR_CONFIG).toEqual({ channels: [32, 32, 64, 64], epilogueChannels: 32, mbstdGroup: 4 });
    expect([generatorParamCount(DEFAULT_GENERATOR_CONFIG), discriminatorParamCount(DEFAULT_DISCRIMINATOR_CONFIG)]).toEqual([180_780, 162_593]);
  });

  it('states the training settings', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain('at batch 16: Adam with learning rate 0.0025, β1 = 0, β2 = 0.99');
    expect(text).toContain('every 16 steps with γ = 0.01');
    expect(text).toContain('a half-life of 5k images, ramped up over the first 5% of the images seen');
    expect([DEFAULT_BATCH, DEFAULT_LR, ADAM_BETA1, ADAM_BETA2, R1_INTERVAL, DEFAULT_R1_GAMMA, DEFAULT_EMA_KIMG, DEFAULT_EMA_RAMPUP]).toEqual([16, 0.0025, 0, 0.99, 16, 0.01, 5, 0.05]);
    expect(text).toContain(`in an oracle's ${FEATURE_DIM} pooled features`);
    expect(text).toContain('it is not FID');
  });

  it('states the projector settings', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain('Adam at learning rate 0.1 with its ramps, z noise 0.05 fading over the first 75%, 500 steps');
    expect([PROJECTOR_DEFAULTS.initialLearningRate, PROJECTOR_DEFAULTS.initialNoiseFactor, PROJECTOR_DEFAULTS.noiseRampLength, PROJECTOR_DEFAULTS.steps]).toEqual([0.1, 0.05, 0.75, 500]);
  });
});
