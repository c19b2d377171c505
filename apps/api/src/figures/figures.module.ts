import { Module } from '@nestjs/common';
import { DayFiguresController } from './day-figures.controller';
import { DayFiguresService } from './day-figures.service';

@Module({ controllers: [DayFiguresController], providers: [DayFiguresService] })
export class FiguresModule {}
