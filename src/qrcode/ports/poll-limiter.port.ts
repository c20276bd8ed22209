/** Paces one login page's status polling of one code. */
export interface PollLimiter {
  /** Records a poll; answers 0 when it may go ahead, else how many ms until the next may. */
  tryPoll(qrcodeId: string, intervalMs: number): Promise<number>;
}
