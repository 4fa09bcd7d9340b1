/**
 * torch.optim.lr_scheduler.ReduceLROnPlateau in mode "min" with a relative threshold, the schedule some
 * papers' official training uses (Filtered-CoPhy's train_cody.py l. 116–117: factor 0.5, patience 10,
 * min_lr 1e-5, stepped once an epoch on the validation loss), with its whole state in plain data so a
 * checkpointed training resumes it exactly.
 *
 * torch's rule, per `step(metric)`: the metric is better when metric < best·(1 − threshold); a better
 * metric becomes the best and clears the count of bad epochs, any other adds one; when the count passes
 * `patience` the rate becomes max(rate·factor, minLr) (if that changes it by more than eps) and the count
 * restarts at 0. Cooldown is torch's default, 0.
 */
export interface ReduceLrOnPlateauOptions {
  factor: number;
  patience: number;
  minLr: number;
  /** relative improvement that counts as better (torch's default 1e-4) */
  threshold?: number;
  /** smallest change of the rate that is applied (torch's default 1e-8) */
  eps?: number;
}

/** Plain data (JSON-safe); `best` is null before the first step (torch's +inf). */
export interface ReduceLrOnPlateauState {
  lr: number;
  best: number | null;
  badEpochs: number;
  epochs: number;
}

export class ReduceLrOnPlateau {
  private s: ReduceLrOnPlateauState;
  private readonly threshold: number;
  private readonly eps: number;

  constructor(
    initialLr: number,
    private readonly options: ReduceLrOnPlateauOptions,
  ) {
    if (!(options.factor > 0 && options.factor < 1)) throw new RangeError(`ReduceLrOnPlateau: factor must be in (0, 1), not ${options.factor}`);
    if (!(Number.isInteger(options.patience) && options.patience >= 0)) throw new RangeError(`ReduceLrOnPlateau: patience must be a whole number ≥ 0, not ${options.patience}`);
    this.threshold = options.threshold ?? 1e-4;
    this.eps = options.eps ?? 1e-8;
    this.s = { lr: initialLr, best: null, badEpochs: 0, epochs: 0 };
  }

  /** The learning rate to use now. */
  get lr(): number {
    return this.s.lr;
  }

  /** One epoch's validation metric (lower is better); returns true when it lowered the rate. */
  step(metric: number): boolean {
    if (!Number.isFinite(metric)) throw new RangeError(`ReduceLrOnPlateau: the metric must be finite, not ${metric}`);
    this.s.epochs++;
    if (this.s.best === null || metric < this.s.best * (1 - this.threshold)) {
      this.s.best = metric;
      this.s.badEpochs = 0;
    } else this.s.badEpochs++;
    if (this.s.badEpochs > this.options.patience) {
      this.s.badEpochs = 0;
      const next = Math.max(this.s.lr * this.options.factor, this.options.minLr);
      if (this.s.lr - next > this.eps) {
        this.s.lr = next;
        return true;
      }
    }
    return false;
  }

  state(): ReduceLrOnPlateauState {
    return { ...this.s };
  }

  restore(state: ReduceLrOnPlateauState): void {
    this.s = { ...state };
  }
}
