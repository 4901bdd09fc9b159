import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '../../auth/roles.js';
import { bothWays } from '../common/list-query.js';
import { PageQueryDto } from '../common/page.dto.js';

export const USER_SORTS = bothWays({ username: 'u.username', created_at: 'u.created_at, u.id', role: 'u.role, u.username' });

export class CreateUserDto {
  @ApiProperty() @Matches(/^[A-Za-z0-9_.@\-\u4e00-\u9fff]{2,64}$/, { message: 'username must be 2–64 letters, digits, 汉字 or . _ - @' }) username: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: (typeof ROLES)[number];
  @ApiPropertyOptional({ description: 'required for county_branch and inspector' }) @IsOptional() @IsString() @MaxLength(40) unitCode?: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(256) password: string;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional({ enum: Object.keys(USER_SORTS) }) @IsOptional() @IsIn(Object.keys(USER_SORTS)) sort?: string;
}
