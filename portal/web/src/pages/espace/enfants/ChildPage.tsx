import { useParams } from 'react-router';
import { ChildFile } from './ChildFile';

/** `/espace/enfants/:id`: one child's file, section by section. */
export function ChildPage() {
  const { id = '' } = useParams();
  // A new component per child: nothing of the previous child stays on screen.
  return <ChildFile key={id} id={Number(id)} />;
}
