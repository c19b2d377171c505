import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process. Apps add their own collectors through the public
 * fields; names follow Prometheus conventions (base units: seconds).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly assignmentLatency = new Histogram({
    name: 'dispatch_assignment_latency_seconds',
    help: 'From a booking being accepted to the dispatcher deciding it (assigned or rejected)',
    labelNames: ['service', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [this.registry],
  });

  readonly jobsProcessed = new Counter({
    name: 'dispatch_jobs_total',
    help: 'Dispatch jobs processed by name and result',
    labelNames: ['job', 'result'] as const,
    registers: [this.registry],
  });

  readonly connectedSockets = new Gauge({
    name: 'gateway_connected_sockets',
    help: 'Socket.IO connections open on this gateway',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Registers a gauge computed at scrape time (e.g. queue depth read from Redis). */
  gaugeOnScrape(
    name: string,
    help: string,
    labelNames: string[],
    collect: (gauge: Gauge<string>) => Promise<void>,
  ): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }
}
