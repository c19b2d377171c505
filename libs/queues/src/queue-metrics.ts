import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { MetricsService } from '@app/http';
import { QueueName } from './queue-names';

/** Queue depth per state, read from Redis when Prometheus scrapes. */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    @InjectQueue(QueueName.Dispatch) private readonly dispatchQueue: Queue,
  ) {}

  onModuleInit(): void {
    this.metrics.gaugeOnScrape(
      'dispatch_queue_jobs',
      'Jobs in the dispatch queue by state',
      ['queue', 'state'],
      async (gauge) => {
        const counts = await this.dispatchQueue
          .getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')
          .catch(() => null);
        if (!counts) return; // Redis down: keep the last values rather than fail the scrape
        for (const [state, n] of Object.entries(counts)) gauge.set({ queue: QueueName.Dispatch, state }, n);
      },
    );
  }
}
