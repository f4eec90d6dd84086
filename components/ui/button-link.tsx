// A link that looks like a Button (navigation stays a real <a>: middle-click, open in new tab).
import Link from 'next/link';
import type { ComponentProps } from 'react';
import { buttonClass, type ButtonProps } from './button';

export function ButtonLink({
  variant = 'primary',
  size = 'md',
  className = '',
  ...rest
}: ComponentProps<typeof Link> & Pick<ButtonProps, 'variant' | 'size'>) {
  return <Link className={`${buttonClass({ variant, size })} ${className}`} {...rest} />;
}
